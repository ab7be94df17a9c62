/**
 * Decides which requests fail so that exactly the requested share fails,
 * spread evenly: at a rate of 0.2 every fifth request fails. Random
 * failures would make a test's error ratio vary from run to run.
 */
export class FaultSchedule {
  private credit = 0;

  /** Returns whether this request fails, for a rate from 0 to 1. */
  next(rate: number): boolean {
    this.credit += rate;
    if (this.credit < 1) return false;

    this.credit -= 1;
    return true;
  }
}
