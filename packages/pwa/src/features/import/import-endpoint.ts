import { type HttpApi, httpApi, type ImportKind } from '@outrider/domain'

/** The endpoint that imports a kind of file. */
export type ImportEndpoint = HttpApi['importCustomers'] | HttpApi['importOrders'] | HttpApi['importProducts']

export const importEndpoints: Record<ImportKind, ImportEndpoint> = {
  customers: httpApi.importCustomers,
  orders: httpApi.importOrders,
  products: httpApi.importProducts,
}
