/**
 * A refused or failed call, with the server's own words: `errorCode` and `message` of its
 * responseStatus, or `network` when the node could not be reached.
 */
export class ApiError extends Error {
  constructor(
    /** HTTP status; 0 when no answer came. */
    readonly httpStatus: number,
    readonly errorCode: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** True when the caller must log in (again). */
  get unauthenticated(): boolean {
    return this.httpStatus === 401;
  }

  /** True when the node does not serve this path (e.g. a node without security). */
  get notFound(): boolean {
    return this.httpStatus === 404;
  }
}
