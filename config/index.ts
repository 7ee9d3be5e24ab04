// Taro build configuration: one code base, built for WeChat (dist/weapp) and H5 (dist/h5).
import { realpathSync } from 'node:fs'
import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import devConfig from './dev'
import { HomeLaunchPlugin } from './home-launch-plugin'
import prodConfig from './prod'

const root = path.resolve(__dirname, '..')

// Packages shipped as modern ES (private #fields, class fields, ?.): they must go through Babel
// for the weapp's ES5 output and before the H5 minifier. Webpack wants absolute paths here.
// Also our own TypeScript outside src/: common/, the contracts and helpers the app shares with
// the server. Nothing under server/ is compiled for the app (biome.json keeps src/ from importing it).
// Real paths, as webpack resolves modules: node_modules may be a link (a git worktree sharing one).
const transpiledPackages = [
  ...['@tanstack', '@trpc', 'zod', 'taro-react-echarts'].map((name) =>
    realpathSync(path.join(root, 'node_modules', name)),
  ),
  path.join(root, 'common'),
]

// The NutUI theme embeds two number fonts (~16 KB of base64) that we do not use, and Taro's H5
// components the weui icon font (11 KB of base64), drawn only by Taro's Icon, Checkbox and Radio,
// which the app does not use (NutUI's have their own icons).
const nutuiTheme = /@nutui[\\/]nutui-react-taro[\\/]dist[\\/]styles[\\/]themes[\\/]default\.css$/
const taroComponentsCss = /@tarojs[\\/]components[\\/]dist[\\/]taro-components[\\/]taro-components\.css$/

// biome-ignore lint/suspicious/noExplicitAny: Taro types webpack-chain loosely.
const webpackChain = (chain: any) => {
  chain.module
    .rule('css-without-unused-fonts')
    .test([nutuiTheme, taroComponentsCss])
    .enforce('pre')
    .use('strip-font-face')
    .loader(path.join(__dirname, 'strip-font-face-loader.cjs'))
  // Taro's H5 request API polyfills fetch and AbortController and supports JSONP: 29 KB of the
  // first screen's JavaScript that no browser H5 supports needs (README, browser support), and
  // JSONP the app never uses. Left out of the H5 build.
  if (process.env.TARO_ENV === 'h5') {
    for (const name of ['whatwg-fetch', 'abortcontroller-polyfill/dist/abortcontroller-polyfill-only', 'jsonp-retry'])
      chain.resolve.alias.set(name, false)
    // What index.html sends and preloads for the 工作台 at a first launch (home-launch-plugin.ts).
    chain.plugin('homeLaunch').use(HomeLaunchPlugin, [{ apiBaseUrl, publicPath: '/' }])
  }
  // WeChat's engine has no FormData or Blob, which tRPC's httpLink tests every input against
  // (src/lib/absent-web-types.ts): the weapp build gets stand-ins, module-scoped as Taro's own.
  if (process.env.TARO_ENV === 'weapp') {
    // taro-react-echarts asks the deprecated getSystemInfoSync (src/package-stats/taro-for-echarts.ts).
    chain.module
      .rule('taro-for-echarts')
      .test(/taro-react-echarts[\\/]dist[\\/]/)
      .resolve.alias.set('@tarojs/taro$', path.join(root, 'src/package-stats/taro-for-echarts.ts'))
    const absentWebTypes = path.join(root, 'src/lib/absent-web-types.ts')
    chain
      .plugin('providerPlugin')
      .tap((args: object[]) => [{ ...args[0], FormData: [absentWebTypes, 'FormData'], Blob: [absentWebTypes, 'Blob'] }])
  }
  // @trpc/client and @trpc/tanstack-react-query are free of side effects (their modules only define
  // functions and classes) but do not say so, as @trpc/server does: webpack then keeps every module
  // their index re-exports, such as the WebSocket link the app never uses (3 KB of the main package).
  chain.module
    .rule('trpc-without-side-effects')
    .test(/[\\/]node_modules[\\/]@trpc[\\/](client|tanstack-react-query)[\\/]/)
    .sideEffects(false)
  // Taro's progress bar redraws itself with escape codes: into a log (npm start's first build, CI)
  // that is hundreds of lines. Not on a terminal, webpackbar's plain reporter says each build's
  // start and end on a line of its own.
  if (!process.stdout.isTTY && chain.plugins.has('webpackbar')) {
    chain
      .plugin('webpackbar')
      .tap(([options]: [{ reporters?: unknown[] }]) => [
        { ...options, reporters: (options.reporters ?? []).filter((reporter) => reporter !== 'fancy') },
      ])
  }
  // webpack's size hints (244 KiB per asset) say nothing the project's own budgets do not
  // (`npm run size`, docs/benchmarks.md), at 90 lines a build.
  chain.performance.hints(false)
  // No vendors.js.LICENSE.txt: it would count towards the weapp main package.
  if (chain.optimization.minimizers.has('terserPlugin')) {
    chain.optimization.minimizer('terserPlugin').tap((args: object[]) => [{ ...args[0], extractComments: false }])
  }
}

/**
 * Where the app finds the API. The H5 app is served by our own server, so it uses a relative
 * `/trpc`. The mini-program needs an absolute HTTPS origin on WeChat's domain allowlist, given at
 * build time: `API_BASE_URL=https://ledger.example.cn npm run build:weapp`.
 */
const apiBaseUrl =
  process.env.TARO_ENV === 'h5'
    ? (process.env.API_BASE_URL ?? '')
    : (process.env.API_BASE_URL ?? 'http://127.0.0.1:3000')

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'party-day-relief-ledger',
    date: '2025-1-23',
    // NutUI is drawn at 375 wide, our own styles at 750. Taro also calls this with a plain number.
    designWidth(input) {
      const file = typeof input === 'object' && input ? String(input.file ?? '') : ''
      return file.replace(/\\+/g, '/').includes('@nutui') ? 375 : 750
    },
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: `dist/${process.env.TARO_ENV}`,
    plugins: [],
    defineConstants: {
      'process.env.API_BASE_URL': JSON.stringify(apiBaseUrl),
    },
    copy: {
      patterns: [{ from: 'src/assets/tab-bar', to: `dist/${process.env.TARO_ENV}/assets/tab-bar` }],
      options: {},
    },
    framework: 'react',
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    cache: { enable: false },
    mini: {
      // Code used only by subpackages stays in them; the main package keeps its 2 MB limit.
      optimizeMainPackage: { enable: true },
      // Taro's minifier writes every character outside ASCII as \uXXXX for the mini-program: six
      // bytes for each Chinese character of the app's text, where UTF-8, which WeChat reads its
      // JavaScript in, takes three. About 7 KB of the main package (`npm run size`).
      terser: { enable: true, config: { output: { ascii_only: false } } },
      compile: { include: transpiledPackages },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: {
          enable: false,
          config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' },
        },
      },
      // NutUI's per-component CSS arrives from several chunks in varying order; harmless.
      miniCssExtractPluginOption: { ignoreOrder: true },
      webpackChain,
    },
    h5: {
      // H5_SOURCE_MAP=1 for bundle analysis (which modules the first screen loads, and mapping a
      // CPU profile back to them): separate .map files, so the code that runs is the production
      // code (Taro's default eval-based maps run something else).
      enableSourceMap: process.env.H5_SOURCE_MAP === '1',
      sourceMapType: 'hidden-source-map',
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      compile: { include: transpiledPackages },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: {
          enable: false,
          config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' },
        },
      },
      webpackChain,
    },
  }
  return merge({}, baseConfig, process.env.NODE_ENV === 'development' ? devConfig : prodConfig)
})
