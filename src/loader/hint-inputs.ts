/**
For the bench only: with `LAYERLENS_NO_HINTS=1` in the environment, the loader skips the work that only the waste
hints need (first bytes of small files with credential-like names, 4 KiB samples and digests of same-size files for
duplicate content) and the CLI analyses without hints, so `npm run bench` can measure what hints cost. Not a user
option: the output then has no hints.
*/
export const hintsDisabled = process.env['LAYERLENS_NO_HINTS'] === '1';
