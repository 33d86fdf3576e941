/**
Package-manager caches and indexes that should not be left in a final image: one row per place, with the manager's
name and the fix. A pattern is an absolute directory; `*` stands for one path component (a user's home).
*/
export type PackageCache = {readonly manager: string; readonly pattern: string; readonly fix: string};

const aptFix = 'run `apt-get update` and `apt-get install` in one RUN that ends with `rm -rf /var/lib/apt/lists/*` (or use RUN --mount=type=cache,target=/var/lib/apt/lists)';
const aptArchivesFix = 'end the installing RUN with `apt-get clean` (or use RUN --mount=type=cache,target=/var/cache/apt)';
const pipFix = 'pip install --no-cache-dir (or RUN --mount=type=cache,target=/root/.cache/pip)';
const npmFix = 'npm ci && npm cache clean --force in the same RUN (or RUN --mount=type=cache,target=/root/.npm)';
const yarnFix = 'yarn install && yarn cache clean in the same RUN (or RUN --mount=type=cache on the yarn cache)';
const pnpmFix = 'RUN --mount=type=cache,target=/root/.local/share/pnpm/store pnpm install (or pnpm store prune in the same RUN)';
const goFix = 'RUN --mount=type=cache,target=/root/.cache/go-build (and /go/pkg/mod), or build in a separate stage';

export const packageCaches: readonly PackageCache[] = [
	{manager: 'apt lists', pattern: '/var/lib/apt/lists', fix: aptFix},
	{manager: 'apt archives', pattern: '/var/cache/apt', fix: aptArchivesFix},
	{manager: 'apk', pattern: '/var/cache/apk', fix: 'apk add --no-cache (or RUN --mount=type=cache,target=/var/cache/apk)'},
	{manager: 'dnf', pattern: '/var/cache/dnf', fix: 'end the installing RUN with `dnf clean all` (or RUN --mount=type=cache,target=/var/cache/dnf)'},
	{manager: 'yum', pattern: '/var/cache/yum', fix: 'end the installing RUN with `yum clean all && rm -rf /var/cache/yum`'},
	{manager: 'zypper', pattern: '/var/cache/zypp', fix: 'end the installing RUN with `zypper clean --all`'},
	{manager: 'pip', pattern: '/root/.cache/pip', fix: pipFix},
	{manager: 'pip', pattern: '/home/*/.cache/pip', fix: pipFix},
	{manager: 'npm', pattern: '/root/.npm/_cacache', fix: npmFix},
	{manager: 'npm', pattern: '/home/*/.npm/_cacache', fix: npmFix},
	{manager: 'yarn', pattern: '/usr/local/share/.cache/yarn', fix: yarnFix},
	{manager: 'yarn', pattern: '/root/.cache/yarn', fix: yarnFix},
	{manager: 'yarn', pattern: '/root/.yarn/berry/cache', fix: yarnFix},
	{manager: 'yarn', pattern: '/home/*/.cache/yarn', fix: yarnFix},
	{manager: 'pnpm', pattern: '/root/.local/share/pnpm/store', fix: pnpmFix},
	{manager: 'pnpm', pattern: '/root/.pnpm-store', fix: pnpmFix},
	{manager: 'go build cache', pattern: '/root/.cache/go-build', fix: goFix},
	{manager: 'go module cache', pattern: '/go/pkg/mod/cache', fix: goFix},
	{manager: 'go module cache', pattern: '/root/go/pkg/mod/cache', fix: goFix},
	{manager: 'composer', pattern: '/root/.composer/cache', fix: 'composer install --no-cache (or RUN --mount=type=cache,target=/root/.composer/cache)'},
	{manager: 'maven', pattern: '/root/.m2/repository', fix: 'RUN --mount=type=cache,target=/root/.m2 mvn … (or build in a separate stage)'},
	{manager: 'gradle', pattern: '/root/.gradle/caches', fix: 'RUN --mount=type=cache,target=/root/.gradle gradle … (or build in a separate stage)'},
	{manager: 'cargo', pattern: '/usr/local/cargo/registry', fix: 'RUN --mount=type=cache,target=/usr/local/cargo/registry cargo build (or build in a separate stage)'},
	{manager: 'cargo', pattern: '/root/.cargo/registry', fix: 'RUN --mount=type=cache,target=/root/.cargo/registry cargo build (or build in a separate stage)'},
	{manager: 'gem', pattern: '/root/.gem', fix: 'gem install --no-document, and rm -rf /root/.gem in the same RUN'},
];

/** What matches a path below `pattern` (a `*` component: any one name). */
const below = (pattern: string) => new RegExp(`^${pattern.split('/').map(part => (part === '*' ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('/')}/`);

const matchers = packageCaches.map(row => ({row, regex: below(row.pattern)}));

const tops = new Set(packageCaches.map(row => row.pattern.split('/')[1]!));

/**
The directories the table's patterns start with, as relative prefixes: their first two names (`var/cache/`), or the
first alone when the second is `*` (`home/`), or the pattern when it has fewer. Every path a pattern matches starts
with one of them, and most paths of an image start with none (`usr/share/…`, `app/node_modules/…`).
*/
const prefixes = [
	...new Set(
		packageCaches.map(row => {
			const names = row.pattern.split('/').slice(1, 3);
			const fixed = names.indexOf('*') === -1 ? names : names.slice(0, names.indexOf('*'));
			return `${fixed.join('/')}/`;
		}),
	),
];

/** Whether a relative path (`var/cache/apt/x`) lies under a prefix of the table: a cheap test before `packageCacheOf`. */
export function underCacheTop(path: string): boolean {
	for (let i = 0; i < prefixes.length; i++) if (path.startsWith(prefixes[i]!)) return true;
	return false;
}

/** The same expressions without the leading `/`, for relative paths. */
const relativeMatchers = packageCaches.map(row => ({row, regex: below(row.pattern.slice(1))}));

/** `packageCacheOf` for a relative path (`var/cache/apt/x`), without making its absolute path first. */
export function packageCacheOfRelative(path: string): PackageCache | undefined {
	for (let i = 0; i < relativeMatchers.length; i++) if (relativeMatchers[i]!.regex.test(path)) return relativeMatchers[i]!.row;
	return undefined;
}

/** The table row whose directory holds `path` (absolute), if any. */
export function packageCacheOf(path: string): PackageCache | undefined {
	const slash = path.indexOf('/', 1);
	if (slash === -1 || !tops.has(path.slice(1, slash))) return undefined;
	return matchers.find(matcher => matcher.regex.test(path))?.row;
}
