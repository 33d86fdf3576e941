import {displayText} from '../../src/format/display-text.js';
import type {ImageDescription} from './image-builder.js';
import {file, symlink} from './image-builder.js';

/**
File names an attacker can put in an image, one per output hazard: terminal escapes (OSC 52 clipboard write, title,
clear screen, C1 CSI), lines that a CI runner would read as workflow commands, bidi and zero-width tricks, XML, HTML and
Markdown markup, JSON-breaking characters. Each sits in `/h/` and is written twice (2,000 bytes, then 10), so it
appears in every list of wasted files and in every path rule on `/h/*`.
*/
export const hostileNames: readonly string[] = [
	'\u001b]52;c;ZXZpbA==\u0007clip\u001b]0;TITLE\u0007\u001b[2J',
	'x\n::set-output name=a::b',
	'y\r\n::add-mask::secret\n::stop-commands::tok',
	'z%0A::error::fake%25 \u009b31mred\bback',
	'safe\u202Egpj.exe \u2066iso\u2069',
	'zw\u200Bsp\u{E0041}\u2028u2028',
	// No NUL: a PAX path holding one is refused, as Go's archive/tar refuses it (test/cli/go-tar-rules.test.ts).
	'a]]>b"\'<c>&\u0001\u001f\uFFFE',
	// No `/` in a name (it would make a directory): `</script>` is in the command, the label and the link target.
	'<script>window.__pw0=1<img src=x onerror=window.__pwned=1>|`code`{{constructor.constructor(\'window.__p2=1\')()}}',
	'[x](javascript:alert(1)) www.evil.example &lt;b&gt; #~*_!+',
];

/** What a careful output shows for `/h/<name>`. */
export const shownPath = (name: string) => displayText(`/h/${name}`);

export const hostileCommand = 'curl https://evil.example/x && echo \u001b]52;c;aGk=\u0007 </script><script>window.__pw3=1</script>\u2028 | x\n::error::y';

export const hostileTag = 'evil\u001b]0;T\u0007\u202e:1';

export const hostileImage: ImageDescription = {
	tags: [hostileTag],
	layers: [
		{
			createdBy: hostileCommand,
			entries: [
				...hostileNames.map(name => file(`h/${name}`, 'x'.repeat(2000))),
				symlink('h2/link\u001b[2J', '\u001b]8;;javascript:alert(1)\u0007</script>\u202e'),
			],
		},
		{createdBy: 'overwrite', entries: hostileNames.map(name => file(`h/${name}`, 'y'.repeat(10)))},
	],
	config: {Labels: {'l\u001b[31m</script>': 'v<img src=x onerror=window.__pw4=1>\u2028'}, Env: ['A=\u001b]52;c;aGk=\u0007']},
};
