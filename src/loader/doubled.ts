type Growable = Float64Array | BigUint64Array | Uint8Array | Uint32Array | Int32Array;

/** A typed array of twice the length holding `array`'s values at the start (lists that grow as a walk goes). */
export function doubled<T extends Growable>(array: T): T {
	const bigger = new (array.constructor as new (length: number) => T)(array.length * 2);
	(bigger as {set(values: T): void}).set(array);
	return bigger;
}
