const DISCORD_EPOCH_MS = 1_420_070_400_000n;

/** Issues increasing snowflakes (timestamp in the top bits, like Discord's) so ids sort by creation time. */
export class SnowflakeFactory {
  private increment = 0n;

  next(nowMs: number = Date.now()): string {
    this.increment = (this.increment + 1n) & 0xfffn;
    const timestamp = BigInt(Math.floor(nowMs)) - DISCORD_EPOCH_MS;
    return ((timestamp << 22n) | (1n << 17n) | this.increment).toString();
  }
}
