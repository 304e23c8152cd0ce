/** Limits that keep error messages and the data errors hold small, whatever a server or caller sends. */

/** How much of an error body is kept on {@link HttpError.body}. */
export const MAX_ERROR_BODY_BYTES = 4096;

/** How many issues an error message lists; the rest are counted. */
export const MAX_LISTED_ISSUES = 10;

/** How many issues an {@link InvalidRequestError} keeps in `issues`; the rest are counted in `omittedIssues`. */
export const MAX_KEPT_ISSUES = 100;
