import {displayText} from '../../format/display-text.js';
import type {GateResult} from '../gate-types.js';
import {counts, detailLines, imageFacts, type Reporter} from './report-input.js';

/** Text for XML 1.0 content or a quoted attribute: markup escaped, characters XML cannot hold replaced by U+FFFD. */
export function xmlText(text: string): string {
	return text
		.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD')
		.replaceAll('&', '&amp;')
		.replaceAll('<', '&lt;')
		.replaceAll('>', '&gt;')
		.replaceAll('"', '&quot;')
		.replaceAll("'", '&apos;')
		.replaceAll('\n', '&#10;')
		.replaceAll('\r', '&#13;')
		.replaceAll('\t', '&#9;');
}

function testcase(result: GateResult, classname: string): string {
	const open = `    <testcase name="${xmlText(result.name)}" classname="${xmlText(classname)}" time="0"`;
	const details = xmlText(detailLines(result).join('\n'));
	switch (result.status) {
		case 'pass':
			return `${open}/>`;
		case 'skip':
			return `${open}>\n      <skipped message="${xmlText(result.message)}"/>\n    </testcase>`;
		case 'warn':
			return `${open}>\n      <system-out>WARN ${details}</system-out>\n    </testcase>`;
		case 'fail':
			return `${open}>\n      <failure message="${xmlText(result.message)}" type="${xmlText(result.kind)}">${details}</failure>\n    </testcase>`;
	}
}

export const junitReporter: Reporter = {
	format: 'junit',
	description: 'JUnit XML: one testsuite for the image, one testcase per rule (GitLab, Jenkins)',
	render: ({analysis, gate}) => {
		const facts = imageFacts(analysis);
		const tally = counts(gate.results);
		const attrs = `tests="${tally.total}" failures="${tally.fail}" errors="0" skipped="${tally.skip}" time="0"`;
		const name = displayText(facts.name);
		const classname = `layerlens.${name}`;
		return [
			'<?xml version="1.0" encoding="UTF-8"?>',
			`<testsuites name="layerlens" ${attrs}>`,
			`  <testsuite name="${xmlText(name)}" ${attrs}>`,
			'    <properties>',
			`      <property name="image.sizeBytes" value="${facts.sizeBytes}"/>`,
			`      <property name="image.layerCount" value="${facts.layerCount}"/>`,
			`      <property name="image.platform" value="${xmlText(facts.platform)}"/>`,
			'    </properties>',
			...gate.results.map(result => testcase(result, classname)),
			'  </testsuite>',
			'</testsuites>',
			'',
		].join('\n');
	},
};
