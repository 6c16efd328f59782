// Errors the user can act on (Shopify cli-kit AbortError): one line saying what is wrong, one
// saying what to try. The entry point prints them without a stack trace and exits 1.

export class AbortError extends Error {
  override readonly name = 'AbortError';
  /** What to try next. */
  readonly tryMessage: string | undefined;

  constructor(message: string, tryMessage?: string) {
    super(message);
    this.tryMessage = tryMessage;
  }

  /** `message` and `tryMessage` as printed. */
  format(): string {
    return this.tryMessage ? `${this.message} ${this.tryMessage}` : this.message;
  }
}
