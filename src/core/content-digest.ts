/**
A regular file's `digest` is either its content digest (hex), '' when the loader did not hash it, or a partial
digest: the digest of its first bytes behind `partialDigestPrefix`. The loader gives a partial digest to a copy
whose first bytes already tell it apart from every other copy of the same size that could be compared with it
(the other copies of its path, and every file of its size at another path), so it never reads the rest. Within
one image a partial digest is as good as a full one for "is this the same content" (it never equals another
copy's digest); across images (comparisons) and in saved analyses only full digests count.
*/
export const partialDigestPrefix = 'head:';

/**
The other digest that holds within one image only: two copies of a path with the same size and the same first bytes,
and no other copy that could equal them, are compared byte by byte instead of hashed. Each gets this prefix and a
number, the same number when their bytes are equal; no other file of the image has that number.
*/
export const sameContentPrefix = 'same:';

/** Whether `digest` is a full content digest, comparable across images. */
export function isFullDigest(digest: string): boolean {
	return digest !== '' && !digest.startsWith(partialDigestPrefix) && !digest.startsWith(sameContentPrefix);
}
