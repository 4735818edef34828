/** The slice of autocannon's API the benchmarks use (the package ships no types). */
declare module 'autocannon' {
  interface Histogram {
    readonly p50: number;
    readonly p99: number;
    readonly average: number;
  }
  interface Result {
    readonly latency: Histogram;
    readonly requests: Histogram & { readonly total: number };
    readonly non2xx: number;
    readonly errors: number;
    readonly duration: number;
  }
  interface RequestParams {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string;
  }
  interface Options {
    url: string;
    connections?: number;
    duration?: number;
    amount?: number;
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    setupClient?: (client: {
      setHeadersAndBody(headers: Record<string, string>, body: string): void;
    }) => void;
    requests?: Array<RequestParams & { setupRequest?: (request: RequestParams) => RequestParams }>;
  }
  function autocannon(options: Options): Promise<Result>;
  export = autocannon;
}
