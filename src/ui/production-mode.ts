/**
Process settings the explorer needs before Ink and React load (imported first by the explorer's entry points):
- React picks its build when first imported: without NODE_ENV it loads the development build, several times slower
  per frame. An explicit NODE_ENV is kept.
- Ink holds every frame back until exit when it thinks it runs in CI (any `CI` or `CI_*` variable). The CLI starts
  the explorer only when it is not in CI mode and has a terminal, so a stray `CI_…` variable must not blank the
  screen.
*/
process.env['NODE_ENV'] ??= 'production';
if (process.stdout.isTTY) process.env['CI'] = 'false';
