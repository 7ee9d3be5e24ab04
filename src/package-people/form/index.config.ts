export default definePageConfig({ navigationBarTitleText: '新建人员' })
