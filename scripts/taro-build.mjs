// `npm run build:weapp|h5`: taro build, then make sure it produced output. A bad Taro config
// prints "Taro 配置有误" and exits 0 with nothing built; this turns that into a failure.
// `npm run build:weapp -- --release`: the package to upload to WeChat, which refuses to build
// without the API's HTTPS origin and the mini-program's appid (release-check.mjs).
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, rmSync } from 'node:fs'
import path from 'node:path'
import { precompress } from './precompress.mjs'
import { releaseProblems } from './release-check.mjs'

const target = process.argv[2]
const expected = { weapp: ['app.js', 'app.json'], h5: ['index.html'] }[target]
if (!expected) {
  console.error('usage: taro-build.mjs weapp|h5')
  process.exit(2)
}
const isRelease = process.argv.includes('--release')
if (isRelease) {
  const problems =
    target === 'weapp'
      ? releaseProblems({ env: process.env, projectConfig: JSON.parse(readFileSync('project.config.json', 'utf8')) })
      : ['--release is for the mini-program (npm run build:weapp -- --release)']
  if (problems.length) {
    console.error(
      `Refusing a release build of the mini-program. It needs:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    )
    process.exit(1)
  }
}
const outDir = path.join('dist', target)
rmSync(outDir, { recursive: true, force: true })
// A production build unless development is asked for: under test runners NODE_ENV is "test",
// which makes babel-preset-taro reach for react-refresh.
const NODE_ENV = process.env.NODE_ENV === 'development' ? 'development' : 'production'
const taroArgs = process.argv.slice(3).filter((arg) => arg !== '--release')
const result = spawnSync('npx', ['taro', 'build', '--type', target, ...taroArgs], {
  stdio: 'inherit',
  env: { ...process.env, NODE_ENV },
})
if (result.status !== 0) process.exit(result.status ?? 1)
const missing = expected.filter((file) => !existsSync(path.join(outDir, file)))
if (missing.length) {
  console.error(
    `taro build --type ${target} exited 0 but produced no ${missing.join(', ')} in ${outDir}: check the Taro config.`,
  )
  process.exit(1)
}
if (target === 'h5') {
  const { before, after } = precompress(outDir)
  console.log(`precompressed ${before} → ${after} bytes (brotli)`)
}
console.log(`built ${outDir}`)
