// babel-preset-taro docs: https://docs.taro.zone/docs/next/babel-config
module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]],
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
