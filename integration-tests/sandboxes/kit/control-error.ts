/**
 * A misuse of a sandbox's control surface (unknown order, refund not pending, bad field). It is
 * not a gateway answer, so it never takes a gateway's error shape: over HTTP it is { error }.
 */
export class ControlError extends Error {
  constructor(
    message: string,
    readonly httpStatus: 400 | 404 = 400,
  ) {
    super(message)
    this.name = "ControlError"
  }
}
