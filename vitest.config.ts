// `npm test`: the server and shared code against a real PostgreSQL (project "server"), and the
// app's components in jsdom with Taro's H5 components (project "app"). The browser tests are
// `npm run e2e` (vitest.e2e.config.ts).
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    // Each server test file gets its own database; a few at a time is what two cores sustain.
    maxWorkers: 3,
    projects: [
      {
        test: {
          name: 'server',
          include: ['tests/server/**/*.test.ts', 'tests/unit/**/*.test.ts'],
          globalSetup: ['tests/setup/global-database.ts'],
          setupFiles: ['tests/setup/cheap-password-hashing.ts'],
          pool: 'forks',
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      },
      {
        // Taro's H5 components and NutUI, as the H5 build renders them.
        define: {
          'process.env.TARO_ENV': JSON.stringify('h5'),
          'process.env.TARO_PLATFORM': JSON.stringify('web'),
          'process.env.API_BASE_URL': JSON.stringify(''),
          DEPRECATED_ADAPTER_COMPONENT: 'false',
        },
        resolve: {
          alias: [
            { find: /^@tarojs\/components$/, replacement: '@tarojs/components/lib/react' },
            { find: /^@tarojs\/taro$/, replacement: '@tarojs/taro-h5' },
            // The package's main entry is a UMD bundle; the ES barrel tree-shakes and transforms.
            {
              find: /^@nutui\/nutui-react-taro$/,
              replacement: '@nutui/nutui-react-taro/dist/es/packages/nutui.react.build.js',
            },
          ],
        },
        test: {
          name: 'app',
          include: ['tests/app/**/*.test.tsx'],
          environment: 'jsdom',
          setupFiles: ['tests/app/setup.ts'],
          server: { deps: { inline: [/@nutui\//, /@tarojs\//] } },
          css: false,
          // A large form's first render in jsdom (NutUI and Taro's components, inlined) takes
          // seconds on two busy cores; 5 s timed tests out that pass in under one on a quiet one.
          testTimeout: 20_000,
        },
      },
    ],
  },
})
