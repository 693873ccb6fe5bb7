/**
 * Request validation in the manner of NestJS's ValidationPipe (class-validator): every field is
 * checked, every problem becomes one message, and they are answered together as a 400 whose
 * `message` is an array. The wording follows class-validator's defaults where one exists.
 */
import { badRequest } from "../errors"
import { jsonNumberToCents } from "../money/amounts"
import type { Cents } from "../state/order-model"

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value)
}

function isAbsent(value: unknown): boolean {
  return value === undefined || value === null
}

export interface StringRule {
  optional?: boolean
  /** "" allowed (IsString without IsNotEmpty) */
  allowEmpty?: boolean
  pattern?: RegExp
}

export class Validation {
  readonly messages: string[] = []

  fail(message: string): void {
    this.messages.push(message)
  }

  /** Throws the 400 with every message collected so far. */
  throwIfAny(): void {
    if (this.messages.length > 0) throw badRequest([...this.messages])
  }

  object(
    body: Record<string, unknown>,
    field: string,
    path: string,
    optional = false,
  ): Record<string, unknown> | undefined {
    const value = body[field]
    if (isAbsent(value) && optional) return undefined
    if (!isRecord(value)) {
      this.fail(`${path} must be an object`)
      return undefined
    }
    return value
  }

  string(
    body: Record<string, unknown>,
    field: string,
    path: string,
    rule: StringRule = {},
  ): string | undefined {
    const value = body[field]
    if (isAbsent(value) && rule.optional) return undefined
    if (typeof value !== "string") {
      this.fail(`${path} must be a string`)
      return undefined
    }
    if (value === "" && !rule.allowEmpty) {
      this.fail(`${path} should not be empty`)
      return undefined
    }
    if (rule.pattern && !rule.pattern.test(value)) {
      this.fail(`${path} must match ${rule.pattern.source} regular expression`)
      return undefined
    }
    return value
  }

  url(body: Record<string, unknown>, field: string, path: string, optional = false) {
    const value = this.string(body, field, path, { optional })
    if (value === undefined) return undefined
    try {
      const url = new URL(value)
      if (url.protocol === "http:" || url.protocol === "https:") return value
    } catch {
      // falls through to the message
    }
    this.fail(`${path} must be a URL address`)
    return undefined
  }

  email(body: Record<string, unknown>, field: string, path: string): string | undefined {
    const value = this.string(body, field, path)
    if (value !== undefined && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value)) {
      this.fail(`${path} must be an email`)
      return undefined
    }
    return value
  }

  boolean(body: Record<string, unknown>, field: string, path: string): boolean | undefined {
    const value = body[field]
    if (typeof value !== "boolean") {
      this.fail(`${path} must be a boolean value`)
      return undefined
    }
    return value
  }

  integer(
    body: Record<string, unknown>,
    field: string,
    path: string,
    min: number,
  ): number | undefined {
    const value = body[field]
    if (typeof value !== "number" || !Number.isSafeInteger(value)) {
      this.fail(`${path} must be an integer number`)
      return undefined
    }
    if (value < min) {
      this.fail(`${path} must not be less than ${min}`)
      return undefined
    }
    return value
  }

  /**
   * A money amount: a JSON number in major units with at most 2 decimals, read into cents.
   * `positive` refuses 0 too; otherwise 0 is the minimum.
   */
  amount(
    body: Record<string, unknown>,
    field: string,
    path: string,
    rule: { positive: boolean },
  ): Cents | undefined {
    const parsed = jsonNumberToCents(body[field])
    if (!parsed.ok) {
      this.fail(
        parsed.reason === "too_many_decimals"
          ? `${path} must have at most 2 decimal places`
          : parsed.reason === "too_large"
            ? `${path} is too large`
            : `${path} must be a number conforming to the specified constraints`,
      )
      return undefined
    }
    if (rule.positive && parsed.cents <= 0) {
      this.fail(`${path} must be a positive number`)
      return undefined
    }
    if (parsed.cents < 0) {
      this.fail(`${path} must not be less than 0`)
      return undefined
    }
    return parsed.cents
  }

  array(body: Record<string, unknown>, field: string, path: string): unknown[] | undefined {
    const value = body[field]
    if (!Array.isArray(value)) {
      this.fail(`${path} must be an array`)
      return undefined
    }
    if (value.length < 1) {
      this.fail(`${path} must contain at least 1 elements`)
      return undefined
    }
    return value
  }
}
