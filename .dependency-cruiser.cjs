/**
 * The BFF's dependency rule (docs/architecture.md#module-map; issue 10,
 * goal 1), checked by `npm run lint:boundaries`:
 *  - `bff/src/modules/<m>/index.ts` is the module's face: any file outside `modules/<m>/` imports
 *    the module only through it (files inside the module import each other freely);
 *  - no runtime import cycles between files.
 * For the face rule type-only imports count: a type reached through another module's internals
 * couples to them just the same. Tests (bff/test, scripts/test) are white-box and may import a module's insides.
 * The module-level view (cycles between modules, one writer per table) is
 * scripts/src/lint/module-graph.ts.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'module-face-only',
      severity: 'error',
      comment: 'Another module is reached only through its index.ts (its face); import from `../<module>` instead of its files.',
      from: { path: '^bff/src/modules/([^/]+)/' },
      to: {
        path: '^bff/src/modules/[^/]+/',
        pathNot: ['^bff/src/modules/$1/', '^bff/src/modules/[^/]+/index\\.ts$'],
      },
    },
    {
      name: 'module-face-only-outside-modules',
      severity: 'error',
      comment: 'Code outside bff/src/modules (http, jobs, wechat, app, scripts …) reaches a module only through its index.ts.',
      from: { pathNot: '^bff/src/modules/' },
      to: {
        path: '^bff/src/modules/[^/]+/',
        pathNot: '^bff/src/modules/[^/]+/index\\.ts$',
      },
    },
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'A runtime import cycle makes load order matter (a value is undefined while its module is still loading); break it at its root.',
      from: {},
      // Files that only share types may refer to each other; between modules even a type-only
      // cycle counts (scripts/src/lint/module-graph.ts).
      to: { circular: true, dependencyTypesNot: ['type-only'], viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
  ],
  options: {
    // Only our own code; @shop/db and packages are leaves for this rule.
    includeOnly: '^(bff|scripts)/src/',
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
      conditionNames: ['shop-source', 'import', 'require', 'node', 'default'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
