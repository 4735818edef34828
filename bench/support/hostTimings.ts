/**
 * The host's own duration of each request to one function (request read → response written), from
 * the local runtime's `http request` log lines: what Application Insights records as a request's
 * duration in Azure. A bench's fetch client shares its process with the host and the emulator, so
 * its own timing also holds the client's work; benches print both.
 */
export function hostTimings(functionName: string) {
  const durations: number[] = [];
  const named = `"functionName":"${functionName}"`;
  return {
    /** The runtime's `log` option. */
    log(line: string): void {
      if (!line.includes('"http request"') || !line.includes(named)) return;
      const duration = /"durationMs":(\d+)/.exec(line)?.[1];
      if (duration !== undefined) durations.push(Number(duration));
    },
    /** The durations logged since the last call, in milliseconds. */
    take(): number[] {
      return durations.splice(0);
    },
  };
}
