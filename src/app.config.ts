// Pages and packages. Only the tab pages are in the main package (WeChat's limit is 2 MB; our
// budget is 600 KB): login, forms and details, and with them zod and NutUI's form controls, live
// in subpackages.
export default defineAppConfig({
  pages: ['pages/home/index', 'pages/primary/index', 'pages/secondary/index', 'pages/mine/index'],
  subPackages: [
    { root: 'package-auth', pages: ['login/index', 'privacy/index', 'change-password/index', 'invitation/index'] },
    { root: 'package-activity', pages: ['detail/index', 'form/index', 'record/index', 'org-filter/index'] },
    { root: 'package-visit', pages: ['form/index', 'detail/index'] },
    { root: 'package-donation', pages: ['form/index', 'detail/index'] },
    {
      root: 'package-handover',
      pages: ['reconciliation/index', 'list/index', 'record/index', 'sign/index', 'sign-sheet/index'],
    },
    { root: 'package-household', pages: ['detail/index', 'form/index', 'import/index'] },
    { root: 'package-need', pages: ['detail/index', 'form/index', 'board/index'] },
    { root: 'package-resident', pages: ['submit-need/index', 'need-detail/index', 'bind/index', 'handovers/index'] },
    { root: 'package-report', pages: ['daily-needs/index'] },
    // ECharts (~500 KB) is imported only here.
    { root: 'package-stats', pages: ['index/index'] },
    // 管理 → 人员与账号, 邀请, 导入党员花名册 (administrators and 支部书记).
    {
      root: 'package-people',
      pages: ['list/index', 'detail/index', 'form/index', 'invitations/index', 'import/index'],
    },
    // 待同步: the offline queue's items.
    { root: 'package-sync', pages: ['index/index', 'conflict/index'] },
    // 管理: the org tree, villages and pairings, the audit log (people: package-people).
    {
      root: 'package-admin',
      pages: [
        'index/index',
        'orgs/index',
        'org/index',
        'org-form/index',
        'org-move/index',
        'villages/index',
        'village/index',
        'village-form/index',
        'pair/index',
        'post/index',
        'village-import/index',
        'audit/index',
        'jobs/index',
      ],
    },
  ],
  window: {
    // On H5 too, every page has a title bar, and a sub-page its back button (Taro's own bar).
    navigationStyle: 'default',
    backgroundTextStyle: 'dark',
    navigationBarBackgroundColor: '#c8161d',
    navigationBarTitleText: '党日帮扶台账',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f5f6f7',
  },
  tabBar: {
    color: '#646a73',
    selectedColor: '#c8161d',
    backgroundColor: '#ffffff',
    borderStyle: 'white',
    list: [
      {
        pagePath: 'pages/home/index',
        text: '工作台',
        iconPath: 'assets/tab-bar/home.png',
        selectedIconPath: 'assets/tab-bar/home-active.png',
      },
      {
        pagePath: 'pages/primary/index',
        text: '主题党日',
        iconPath: 'assets/tab-bar/primary.png',
        selectedIconPath: 'assets/tab-bar/primary-active.png',
      },
      {
        pagePath: 'pages/secondary/index',
        text: '台账',
        iconPath: 'assets/tab-bar/secondary.png',
        selectedIconPath: 'assets/tab-bar/secondary-active.png',
      },
      {
        pagePath: 'pages/mine/index',
        text: '我的',
        iconPath: 'assets/tab-bar/mine.png',
        selectedIconPath: 'assets/tab-bar/mine-active.png',
      },
    ],
  },
  // Location, for the place on a photo's watermark, is asked for only when the person turns
  // it on, and through WeChat's privacy flow (lib/wechat-privacy.ts) before WeChat's own prompt.
  requiredPrivateInfos: ['getLocation'],
  permission: { 'scope.userLocation': { desc: '在现场照片的水印上标注拍摄地点' } },
})
