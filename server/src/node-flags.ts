/**
 * V8 settings the language server runs with (the VS Code client passes them as
 * execArgv; `npm run bench` measures under them too, and with `--node-defaults`
 * without them).
 *
 * A full check builds a model whose objects all live on (tens of thousands of
 * lines, nodes and priorities for a megabyte dialplan). With Node's default
 * young generation (16 MB semi-spaces) V8 scavenges several times during one
 * check and copies that live model each time; 64 MB semi-spaces let a check
 * of a large PBX finish with one or two scavenges. Memory is only committed as
 * the young generation actually grows.
 */
export const SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=64'];
