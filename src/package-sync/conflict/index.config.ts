export default definePageConfig({ navigationBarTitleText: '处理冲突' })
