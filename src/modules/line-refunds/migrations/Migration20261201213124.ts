import { Migration } from "@medusajs/framework/mikro-orm/migrations"

export class Migration20261201213124 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table if exists "line_refund_claim" drop constraint if exists "line_refund_claim_target_id_unit_number_unique";`,
    )
    this.addSql(
      `alter table if exists "line_refund" drop constraint if exists "line_refund_payment_id_idempotency_key_unique";`,
    )
    this.addSql(
      `alter table if exists "line_refund" drop constraint if exists "line_refund_refund_id_unique";`,
    )
    this.addSql(
      `create table if not exists "line_refund" ("id" text not null, "payment_id" text not null, "order_id" text not null, "provider_id" text not null, "refund_id" text null, "idempotency_key" text not null, "return_ids" text[] not null, "kind" text check ("kind" in ('lines', 'amount')) not null, "source" text check ("source" in ('admin_refund', 'return_refund', 'auto_refund', 'gateway_report', 'external')) not null, "status" text check ("status" in ('in_doubt', 'pending', 'succeeded', 'failed', 'released')) not null, "amount" numeric not null, "currency_code" text not null, "gateway_amount" numeric null, "gateway_reference" text null, "failure_reason" text null, "doubt_reason" text null, "plan_id" text null, "pending_difference_before" numeric null, "note" text null, "status_changed_at" timestamptz null, "checked_at" timestamptz null, "gateway" jsonb null, "raw_amount" jsonb not null, "raw_gateway_amount" jsonb null, "raw_pending_difference_before" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "line_refund_pkey" primary key ("id"));`,
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_line_refund_deleted_at" ON "line_refund" ("deleted_at") WHERE deleted_at IS NULL;`,
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_line_refund_payment_id" ON "line_refund" ("payment_id") WHERE deleted_at IS NULL;`,
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_line_refund_order_id" ON "line_refund" ("order_id") WHERE deleted_at IS NULL;`,
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_line_refund_status" ON "line_refund" ("status") WHERE deleted_at IS NULL;`,
    )
    this.addSql(
      `CREATE UNIQUE INDEX IF NOT EXISTS "IDX_line_refund_refund_id_unique" ON "line_refund" ("refund_id") WHERE refund_id IS NOT NULL AND deleted_at IS NULL;`,
    )
    this.addSql(
      `CREATE UNIQUE INDEX IF NOT EXISTS "IDX_line_refund_payment_id_idempotency_key_unique" ON "line_refund" ("payment_id", "idempotency_key") WHERE status IN ('in_doubt', 'pending', 'succeeded') AND deleted_at IS NULL;`,
    )

    this.addSql(
      `create table if not exists "line_refund_claim" ("id" text not null, "line_refund_id" text not null, "target_id" text not null, "unit_number" integer not null, "of_units" integer not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "line_refund_claim_pkey" primary key ("id"), constraint line_refund_claim_unit_within_line check (unit_number >= 1 AND unit_number <= of_units));`,
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_line_refund_claim_line_refund_id" ON "line_refund_claim" ("line_refund_id") WHERE deleted_at IS NULL;`,
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_line_refund_claim_deleted_at" ON "line_refund_claim" ("deleted_at") WHERE deleted_at IS NULL;`,
    )
    this.addSql(
      `CREATE UNIQUE INDEX IF NOT EXISTS "IDX_line_refund_claim_target_id_unit_number_unique" ON "line_refund_claim" ("target_id", "unit_number") WHERE deleted_at IS NULL;`,
    )

    this.addSql(
      `create table if not exists "line_refund_unit" ("id" text not null, "line_refund_id" text not null, "kind" text check ("kind" in ('item', 'shipping')) not null, "line_item_id" text null, "shipping_method_id" text null, "return_id" text null, "title" text not null, "quantity" integer not null, "amount" numeric not null, "amount_exact" numeric not null, "raw_amount" jsonb not null, "raw_amount_exact" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "line_refund_unit_pkey" primary key ("id"));`,
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_line_refund_unit_line_refund_id" ON "line_refund_unit" ("line_refund_id") WHERE deleted_at IS NULL;`,
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_line_refund_unit_deleted_at" ON "line_refund_unit" ("deleted_at") WHERE deleted_at IS NULL;`,
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_line_refund_unit_line_item_id" ON "line_refund_unit" ("line_item_id") WHERE deleted_at IS NULL;`,
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_line_refund_unit_return_id" ON "line_refund_unit" ("return_id") WHERE deleted_at IS NULL;`,
    )

    this.addSql(
      `alter table if exists "line_refund_claim" add constraint "line_refund_claim_line_refund_id_foreign" foreign key ("line_refund_id") references "line_refund" ("id") on update cascade on delete cascade;`,
    )

    this.addSql(
      `alter table if exists "line_refund_unit" add constraint "line_refund_unit_line_refund_id_foreign" foreign key ("line_refund_id") references "line_refund" ("id") on update cascade on delete cascade;`,
    )
  }

  override async down(): Promise<void> {
    this.addSql(
      `alter table if exists "line_refund_claim" drop constraint if exists "line_refund_claim_line_refund_id_foreign";`,
    )

    this.addSql(
      `alter table if exists "line_refund_unit" drop constraint if exists "line_refund_unit_line_refund_id_foreign";`,
    )

    this.addSql(`drop table if exists "line_refund" cascade;`)

    this.addSql(`drop table if exists "line_refund_claim" cascade;`)

    this.addSql(`drop table if exists "line_refund_unit" cascade;`)
  }
}
