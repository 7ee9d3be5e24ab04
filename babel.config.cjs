// babel-preset-taro docs: https://docs.taro.zone/docs/next/babel-config
module.exports = {
  // For the mini-program's ES5: `a?.b` and `a ?? b` test `a == null` (no value here is the
  // browsers' document.all), and `{ ...a }` copies with Object.assign's semantics (every spread is
  // of plain data). Smaller output, the same behaviour for this code.
  assumptions: { noDocumentAll: true, setSpreadProperties: true },
  presets: [
    [
      'taro',
      {
        framework: 'react',
        ts: true,
        compiler: 'webpack5',
        // H5 runs in today's browsers (WeChat's own, and desktop ones); package.json's
        // browserslist (ES5) is for the mini-program.
        ...(process.env.TARO_ENV === 'h5' ? { targets: { chrome: '80', safari: '13', ios: '13' } } : {}),
      },
    ],
  ],
  plugins: [
    [
      'import',
      {
        libraryName: '@nutui/nutui-react-taro',
        camel2DashComponentName: false,
        // lower-cased folder names: dist/es/packages/datepicker, .../pulltorefresh, ...
        customName: (name) => `@nutui/nutui-react-taro/dist/es/packages/${name.toLowerCase()}`,
        // 'css' => <path>/style/css(.js): imports the component's precompiled style.css
        // plus the css of the components it depends on (popup, overlay, cellgroup...).
        // (style: true would pull style/index.js => *.scss => needs sass)
        style: 'css',
      },
      'nutui-react-taro',
    ],
  ],
}
