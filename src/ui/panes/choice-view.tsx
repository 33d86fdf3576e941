import {Box, Text} from 'ink';
import type {ImageChoice} from '../../loader/errors.js';
import type {Size} from '../view/layout.js';
import {printable} from '../view/line.js';
import type {Theme} from '../view/theme.js';

export type ChoiceViewProps = {
	readonly name: string;
	readonly choices: readonly ImageChoice[];
	readonly cursor: number;
	readonly size: Size;
	readonly theme: Theme;
};

/** An archive with several images: pick one here instead of starting again with --image or --platform. Tags are archive text: drawn printable. */
export function ChoiceView({name, choices, cursor, size, theme}: ChoiceViewProps) {
	const rows = Math.max(1, size.rows - 6);
	const top = Math.max(0, Math.min(cursor - Math.floor(rows / 2), choices.length - rows));
	return (
		<Box flexDirection="column" width={size.columns} height={Math.max(1, size.rows - 1)} justifyContent="center" alignItems="center">
			<Text bold {...(theme.color ? {color: 'cyan'} : {})}>{printable(`${name} holds ${choices.length} images: pick one`)}</Text>
			<Text> </Text>
			{choices.slice(top, top + rows).map((choice, at) => {
				const selected = top + at === cursor;
				return (
					<Text key={choice.label} wrap="truncate-end" inverse={selected}>
						{`${selected ? '▶' : ' '} ${printable(choice.label)}`}
					</Text>
				);
			})}
			<Text> </Text>
			<Text dimColor>↑/↓ pick · Enter open · q quits</Text>
		</Box>
	);
}
