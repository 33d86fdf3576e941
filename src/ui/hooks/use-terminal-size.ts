import {useStdout} from 'ink';
import {useEffect, useState} from 'react';
import type {Size} from '../view/layout.js';

/** The terminal's size, following 'resize' (Ink 6.8 has no useWindowSize). Streams without a size count as 80x24. */
export function useTerminalSize(): Size {
	const {stdout} = useStdout();
	const [size, setSize] = useState(() => sizeOf(stdout));
	useEffect(() => {
		const onResize = () => setSize(sizeOf(stdout));
		stdout.on('resize', onResize);
		return () => {
			stdout.off('resize', onResize);
		};
	}, [stdout]);
	return size;
}

function sizeOf(stdout: {readonly columns?: number; readonly rows?: number}): Size {
	return {columns: stdout.columns || 80, rows: stdout.rows || 24};
}
