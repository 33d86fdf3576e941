import {openRandomAccess} from '../loader/random-access.js';
import {walkTar} from '../loader/walk-tar.js';

export type TarIndexEntry = {readonly name: string; readonly type: string; readonly offset: number; readonly size: number};

/** Entry names with the offset and size of their data in an uncompressed tar file, reading headers only (the loader's walker). */
export async function indexTar(file: string): Promise<TarIndexEntry[]> {
	const access = await openRandomAccess(file);
	try {
		const entries: TarIndexEntry[] = [];
		await walkTar(access, 0, access.size, record => {
			entries.push({name: record.name, type: record.typeflag, offset: record.dataOffset, size: record.size});
		});
		return entries;
	} finally {
		await access.close();
	}
}
