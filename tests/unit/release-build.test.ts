// A release build of the mini-program refuses to finish with the development API or the tourist
// appid, and says what is missing, before it builds or removes anything.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { releaseProblems } from '../../scripts/release-check.mjs'

const ROOT = path.resolve(import.meta.dirname, '../..')
const REAL_APPID = 'wx0123456789abcdef'

/** `npm run build:weapp -- --release` as a shell runs it, in `cwd`, with only the given build variables. */
const releaseBuild = (env: Record<string, string>, cwd = ROOT) => {
  const { API_BASE_URL: _api, TARO_APP_ID: _appid, ...rest } = process.env
  return spawnSync(process.execPath, [path.join(ROOT, 'scripts/taro-build.mjs'), 'weapp', '--release'], {
    cwd,
    env: { ...rest, ...env },
    encoding: 'utf8',
  })
}

describe('npm run build:weapp -- --release', () => {
  it('refuses without API_BASE_URL and a real appid, naming both, and leaves dist/ alone', () => {
    // A folder of its own with the project's tourist appid and a build already in dist/weapp.
    const cwd = mkdtempSync(path.join(tmpdir(), 'pdrl-release-'))
    try {
      writeFileSync(path.join(cwd, 'project.config.json'), JSON.stringify({ appid: 'touristappid' }))
      const built = path.join(cwd, 'dist/weapp/app.js')
      mkdirSync(path.dirname(built), { recursive: true })
      writeFileSync(built, '')
      const run = releaseBuild({}, cwd)
      expect(run.status).toBe(1)
      expect(run.stderr).toContain('Refusing a release build of the mini-program')
      expect(run.stderr).toMatch(/API_BASE_URL=https:\/\/….*unset, so the build would use the development API/)
      expect(run.stderr).toMatch(/TARO_APP_ID=wx….*"touristappid", WeChat's tourist appid/)
      expect(existsSync(built)).toBe(true)
    } finally {
      rmSync(cwd, { recursive: true, force: true })
    }
  })

  it('refuses the development API even with a real appid', () => {
    const run = releaseBuild({ API_BASE_URL: 'http://127.0.0.1:3000', TARO_APP_ID: REAL_APPID })
    expect(run.status).toBe(1)
    expect(run.stderr).toContain('"http://127.0.0.1:3000" is not HTTPS')
    expect(run.stderr).not.toContain('appid')
  })

  it('checks each variable for what a phone needs', () => {
    const problems = (API_BASE_URL: string, TARO_APP_ID = REAL_APPID) =>
      releaseProblems({ env: { API_BASE_URL, TARO_APP_ID }, projectConfig: { appid: 'touristappid' } })
    expect(problems('https://ledger.example.gov.cn')).toEqual([])
    expect(problems('https://127.0.0.1:3000')[0]).toContain('an address a phone cannot reach')
    expect(problems('https://192.168.1.20')[0]).toContain('an address a phone cannot reach')
    expect(problems('https://47.92.10.3')[0]).toContain('is an IP address')
    expect(problems('https://ledger.example.gov.cn/trpc')[0]).toContain('give the origin only')
    expect(problems('https://ledger.example.gov.cn', 'wx-test-appid')[0]).toContain('is not one')
    // The appid may come from project.config.json instead of TARO_APP_ID.
    expect(
      releaseProblems({ env: { API_BASE_URL: 'https://ledger.example.gov.cn' }, projectConfig: { appid: REAL_APPID } }),
    ).toEqual([])
  })
})
