import {useStdout} from 'ink';
import {useEffect, useState} from 'react';
import type {Size} from '../view/layout.js';

/** The terminal's size, following 'resize' (Ink 6.8 has no useWindowSize). Streams without a size count as 80x24. */
export function useTerminalSize(): Size {
	const {stdout} = useStdout();
	const read = (): Size => ({columns: stdout.columns || 80, rows: stdout.rows || 24});
	const [size, setSize] = useState(read);
	useEffect(() => {
		const onResize = () => setSize(read());
		stdout.on('resize', onResize);
		return () => {
			stdout.off('resize', onResize);
		};
	}, [stdout]);
	return size;
}
