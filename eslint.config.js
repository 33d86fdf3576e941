// Lint for src/ and test/: typescript-eslint's recommended rules (syntax only, no type information, so it stays fast)
// and the React hooks rules (exhaustive effect dependencies, no refs read or written during render).
// The folder layering (core imports no ink/react/fs/process, ...) is checked by test/architecture.test.ts.
import js from '@eslint/js';
import stylistic from '@stylistic/eslint-plugin';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
	{ignores: ['build/', 'node_modules/', 'screenshots/', 'coverage/']},
	js.configs.recommended,
	...tseslint.configs.recommended,
	reactHooks.configs.flat['recommended-latest'],
	{
		// Format: the house style, checked rather than rewritten (tabs, single quotes, semicolons, trailing commas).
		files: ['**/*.{ts,tsx,js,mjs}'],
		plugins: {'@stylistic': stylistic},
		rules: {
			'@stylistic/indent': ['error', 'tab', {SwitchCase: 1, ignoredNodes: ['TemplateLiteral *', 'JSXElement', 'JSXElement *', 'ConditionalExpression *']}],
			'@stylistic/quotes': ['error', 'single', {avoidEscape: true}],
			'@stylistic/semi': ['error', 'always'],
			'@stylistic/comma-dangle': ['error', 'always-multiline'],
			'@stylistic/no-trailing-spaces': 'error',
			'@stylistic/eol-last': 'error',
			'@stylistic/no-multiple-empty-lines': ['error', {max: 1}],
			'@stylistic/brace-style': ['error', '1tbs', {allowSingleLine: true}],
			'@stylistic/keyword-spacing': 'error',
			'@stylistic/space-infix-ops': 'error',
		},
	},
	{
		files: ['**/*.{ts,tsx}'],
		rules: {
			'@typescript-eslint/no-unused-vars': ['error', {argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none'}],
			'react-hooks/exhaustive-deps': 'error',
			// Terminal output holds escape codes, and exact columns read best with their spaces as they are.
			'no-control-regex': 'off',
			'no-regex-spaces': 'off',
		},
	},
	{
		// Tests read JSON documents of many shapes (OCI indexes, manifests) without a type for each.
		files: ['test/**/*.{ts,tsx}'],
		rules: {'@typescript-eslint/no-explicit-any': 'off'},
	},
	{
		files: ['bin/**/*.js', 'eslint.config.js', 'test/**/*.mjs'],
		languageOptions: {globals: {process: 'readonly', console: 'readonly', setTimeout: 'readonly'}},
	},
);
