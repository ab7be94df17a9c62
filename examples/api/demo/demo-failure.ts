/**
 * A failure of the demo run itself, such as an API that did not start,
 * reported as its message and detail without a stack trace.
 */
export class DemoFailure extends Error {
  override name = 'DemoFailure';

  constructor(
    message: string,
    /** Further text for the reader, such as the API's last output. */
    readonly detail?: string,
  ) {
    super(message);
  }
}
