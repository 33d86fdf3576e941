import {EventEmitter} from 'node:events';

/**
A keyboard stand-in for Ink's stdin (raw mode, `readable` then `read()`), as ink-testing-library feeds keys: for
driving the real app without a terminal (the latency benchmark and the explorer tests).
*/
export class KeySource extends EventEmitter {
	readonly isTTY = true;
	private data: string | null = null;
	press(data: string): void {
		this.data = data;
		this.emit('readable');
		this.emit('data', data);
	}
	read = (): string | null => {
		const {data} = this;
		this.data = null;
		return data;
	};
	setEncoding(): void {}
	setRawMode(): void {}
	resume(): void {}
	pause(): void {}
	ref(): void {}
	unref(): void {}
	destroy(): void {}
}
