export const helpText = `layerlens: explore a container image's layers, find wasted bytes, gate CI on them.

Usage
  layerlens [options] <image>

<image>
  path/to/image.tar      docker save (any Docker version), podman save, kaniko, skopeo/buildx oci-archive;
                         also the whole archive gzip'd (.tar.gz)
  path/to/oci-layout/    an OCI image layout directory
  -                      read the archive from stdin:  docker save app | layerlens -
  docker://NAME          stream \`docker save NAME\` (no temporary file)
  podman://NAME          stream \`podman image save NAME\`
  registry://HOST/REPO:TAG, registry://HOST/REPO@sha256:…
                         read straight from a registry, no daemon (HTTPS; plain HTTP for localhost)
  NAME[:TAG]             an image name that is not a path (nginx:1.27, ghcr.io/org/app@sha256:…): docker,
                         else podman, else the registry (docker.io, library/ as docker does)

Modes
  (default)              open the interactive explorer (needs a terminal)
  -j, --json <path|->    write the analysis as JSON (dive's keys plus ours) and exit;
                         with --ci the rules are evaluated too and decide the exit code
  --ci                   evaluate the rules, print the report, exit 0 (pass) or 1 (fail);
                         also when the environment has CI=true (or 1, yes)
  --save <path>          write a saved analysis (gzip'd, versioned) and exit, or also run --json/--ci;
                         give the saved file as <image> to reopen it without the archive
  --compare <old>        explorer: mark the file tree against another image or saved analysis (key D)
  --baseline <path>      with --ci: the image or saved analysis the growth rules compare with
                         (--max-growth 50MB|5%, --max-layer-growth, --max-wasted-growth, --max-new-files N)
  diff <old> <new>       compare two images: layerlens diff --help
  --html <path>          write the self-contained HTML report (treemap, layers, waste) and exit;
                         combines with --json; with --ci the rules are evaluated too

CI rules (dive-compatible; values like 0.9, 20MB, 19Mb, 20MiB, or "disabled")
  --lowestEfficiency <ratio>           fail if efficiency < ratio            (default 0.9)
  --highestWastedBytes <size>          fail if wasted bytes > size           (default disabled)
  --highestUserWastedPercent <ratio>   fail if wasted / user bytes > ratio   (default 0.1)
  --ci-config <path>                   rules file: dive's .dive-ci format, or a file with a ci: section
                                       (told apart by content; default ./.dive-ci, then ./.layerlens.yaml)
  --max-image-size <size>              fail if the image (uncompressed) > size
  --max-user-size <size>               fail if all layers but the first > size
  --max-layer-size <size>              fail if any layer > size
  --max-layers <n>                     fail if the image has more than n layers
  --max-reclaimable <size>             fail if reclaimable bytes > size
  --max-compressed-size <size>         fail if the stored (compressed) layers > size; skipped if unknown
  Path rules (budgets, deny, denyInAnyLayer) and severities (error | warn) live in .layerlens.yaml's ci: section.
  Precedence: a rule given as a flag wins over the rules file, which wins over the defaults.
  (dive lets .dive-ci silently override flags; layerlens does not.)

CI reports
  --report <format[=path]>             text (default), github, junit, sarif, markdown, json; repeatable;
                                       without =path to stdout (only one may); turns CI mode on.
                                       Under GitHub Actions with no --report: text plus github annotations,
                                       and a summary appended to $GITHUB_STEP_SUMMARY
                                       html=PATH: the self-contained HTML report (also: --html PATH)

Selecting an image
  --image <name:tag>                   pick an image in a multi-image archive
  --platform <os/arch[/variant]>       pick a platform in a multi-platform index
  --source <docker|podman|registry|docker-archive>   force where NAME is read from
  --pull                               docker:// and podman:// pull a missing image first
  --insecure                           plain HTTP to any registry host

Build and look
  layerlens build [--engine docker|podman] [--ci] [--json P] [rule options] [build args…]
                         runs docker build (podman where docker is missing) and opens the built image;
                         with --ci or CI=true it gates; a failed build exits with the build's status

Other
  Explorer settings and keys: ./.layerlens.yaml, ~/.config/layerlens/config.yaml, and dive's .dive.yaml keybindings
  -q, --quiet            no progress line and no CI report (the exit code still tells)
  -h, --help             this text
  -v, --version          print the version

Exit codes
  0  success, or all CI rules passed
  1  a CI rule failed
  2  usage error, or the input could not be read as an image (one line on stderr says why)
`;
