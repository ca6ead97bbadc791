export interface FieldError {
  field: string;
  message: string;
}

/** An error answer of the API, unpacked from the `{success:false, error:{...}}` envelope. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: FieldError[];

  constructor(status: number, code: string, message: string, details: FieldError[] = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Builds an ApiError from whatever body the server sent (envelope, plain text or nothing). */
export function toApiError(status: number, body: unknown): ApiError {
  const error = isRecord(body) && isRecord(body.error) ? body.error : undefined;
  const details = Array.isArray(error?.details)
    ? error.details.filter(isRecord).map((d) => ({
        field: typeof d.field === 'string' ? d.field : '',
        message: typeof d.message === 'string' ? d.message : 'is invalid',
      }))
    : [];
  const code = typeof error?.code === 'string' ? error.code : `http_${status}`;
  const message =
    typeof error?.message === 'string' && error.message
      ? error.message
      : status === 0
        ? 'Cannot reach the server. Check your connection and try again.'
        : `The server answered ${status}.`;
  return new ApiError(status, code, message, details);
}

export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  if (err instanceof Error && err.message) return err.message;
  return 'Something went wrong.';
}

/** Field errors keyed by field name, for forms; only the first message per field is kept. */
export function fieldErrors(err: unknown): Record<string, string> {
  const result: Record<string, string> = {};
  if (err instanceof ApiError) {
    for (const d of err.details) {
      if (d.field && !(d.field in result)) result[d.field] = d.message;
    }
  }
  return result;
}

export function isUnauthenticated(err: unknown): boolean {
  return err instanceof ApiError && err.status === 401;
}
