/**
React picks its build when it is first imported: without NODE_ENV it loads the development build, several times
slower per frame. Imported before Ink and React by the explorer's entry points; an explicit NODE_ENV is kept.
*/
process.env['NODE_ENV'] ??= 'production';
