/** A login that did not end in a valid assertion; `stage` says where it stopped. */
export class LoginError extends Error {
  constructor(stage, message, options) {
    super(message, options);
    this.name = "LoginError";
    this.stage = stage;
  }
}
