export default definePageConfig({ navigationBarTitleText: '发放签收' })
