// The 工作台's launch for a person this device has no record of yet (the first launch after signing
// in): what index.html's script sends and preloads before the app's code runs when there is no
// record of that person's last launch (src/lib/launch-replay.h5.ts). The requests are the launch
// prefetch's for the 工作台 (src/lib/launch-prefetch.ts), exactly: auth.me for anyone, auth.me with
// the dashboard in one batch for staff (tests/app/launch-replay.test.tsx compares them); the
// assets are the 工作台's chunks, named by this build. The plugin writes them where index.html has
// `/*home-launch*/null`.
import type { Compilation, Compiler } from 'webpack'

const PLACEHOLDER = '/*home-launch*/null'
const HOME_PAGE = /[\\/]src[\\/]pages[\\/]home[\\/]index\.tsx$/

type Request = { url: string; body: string }

const ME = '{"$undefined":true}'

/** The requests, by API base URL ('' on H5: the app's own server). */
export const homeLaunch = (apiBaseUrl = '') => ({
  /** The bare address opens the first page, the 工作台. */
  paths: ['', 'pages/home/index'],
  /** For anyone: auth.me. */
  requests: [{ url: `${apiBaseUrl}/trpc/auth.me`, body: ME }] satisfies Request[],
  /** Personas for whom the 工作台 is the staff dashboard (src/lib/roles.ts, isStaff). */
  staffPersonas: ['ADMIN', 'SECRETARY', 'CADRE', 'MEMBER'],
  /**
   * For them, in its place: auth.me with the dashboard's totals and overdue needs, one batch
   * (src/lib/launch-batch.ts).
   */
  staffRequests: [
    {
      url: `${apiBaseUrl}/trpc/auth.me,stats.summary,need.list?batch=1`,
      body: `{"0":${ME},"1":{"top":5},"2":{"isOverdue":true,"limit":5}}`,
    },
  ] satisfies Request[],
})

/** The scripts and styles the router loads for the 工作台: its chunk's groups, less the initial chunks. */
const homeAssets = (compilation: Compilation, publicPath: string): string[] => {
  const files = new Set<string>()
  for (const chunk of compilation.chunks) {
    const modules = compilation.chunkGraph.getChunkModules(chunk)
    if (!modules.some((module) => HOME_PAGE.test(module.nameForCondition() ?? ''))) continue
    for (const group of chunk.groupsIterable)
      for (const member of group.chunks)
        if (!member.canBeInitial())
          for (const file of member.files) if (/\.(js|css)$/.test(file)) files.add(`${publicPath}${file}`)
  }
  return [...files].sort()
}

export class HomeLaunchPlugin {
  private readonly options: { apiBaseUrl: string; publicPath: string }

  constructor(options: { apiBaseUrl: string; publicPath: string }) {
    this.options = options
  }

  apply(compiler: Compiler): void {
    const { Compilation, sources, WebpackError } = compiler.webpack
    compiler.hooks.thisCompilation.tap('HomeLaunchPlugin', (compilation) => {
      // After html-webpack-plugin has written index.html, and before the real content hashes go
      // into every asset's references (this one's too).
      compilation.hooks.processAssets.tap(
        { name: 'HomeLaunchPlugin', stage: Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_INLINE + 1 },
        () => {
          const html = compilation.getAsset('index.html')
          if (!html) return
          const text = html.source.source().toString()
          const assets = homeAssets(compilation, this.options.publicPath)
          if (!text.includes(PLACEHOLDER) || assets.length === 0) {
            // A production build without it would lose the first launch's head start unnoticed.
            ;(compilation.options.mode === 'production' ? compilation.errors : compilation.warnings).push(
              new WebpackError(`HomeLaunchPlugin: no ${PLACEHOLDER} in index.html, or no 工作台 chunk`),
            )
            return
          }
          const plan = JSON.stringify({ ...homeLaunch(this.options.apiBaseUrl), assets })
          compilation.updateAsset('index.html', new sources.RawSource(text.replace(PLACEHOLDER, () => plan)))
        },
      )
    })
  }
}
