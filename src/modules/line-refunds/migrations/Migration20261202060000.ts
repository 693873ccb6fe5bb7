import { Migration } from "@medusajs/framework/mikro-orm/migrations"

const BEFORE = `'admin_refund', 'return_refund', 'auto_refund', 'gateway_report', 'external'`
const AFTER = `'admin_refund', 'return_refund', 'auto_refund', 'chosen_lines', 'gateway_report', 'external'`

/** Refunds of lines and shipping staff choose on the order page, without a return. */
export class Migration20261202060000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "line_refund" drop constraint if exists "line_refund_source_check";`)
    this.addSql(
      `alter table "line_refund" add constraint "line_refund_source_check" check ("source" in (${AFTER}));`,
    )
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "line_refund" drop constraint if exists "line_refund_source_check";`)
    this.addSql(
      `alter table "line_refund" add constraint "line_refund_source_check" check ("source" in (${BEFORE}));`,
    )
  }
}
