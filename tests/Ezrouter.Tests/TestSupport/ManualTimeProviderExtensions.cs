namespace Ezrouter.Tests.TestSupport;

public static class ManualTimeProviderExtensions
{
    /// <summary>
    /// Moves the clock by <paramref name="step"/> whenever the code under test has a timer armed, until
    /// <paramref name="task"/> completes; then returns it. Real time spent is only the polling between steps.
    /// Meant for calls whose only timers are backoff waits: any armed timer is moved towards.
    /// </summary>
    public static async Task<T> DriveAsync<T>(this ManualTimeProvider time, Task<T> task, TimeSpan step, int timeoutMs = 5_000)
    {
        var until = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (!task.IsCompleted)
        {
            if (DateTime.UtcNow > until) throw new TimeoutException("the task did not complete while the clock was driven");
            if (time.PendingTimers > 0) time.Advance(step);
            // Let continuations on other threads (a MockHttp responder, a retry) run before the clock moves again.
            await Task.WhenAny(task, Task.Delay(1));
        }
        return await task;
    }

    /// <summary>Like <see cref="DriveAsync{T}(ManualTimeProvider, Task{T}, TimeSpan, int)"/>, for a task that is expected to fail.</summary>
    public static async Task DriveAsync(this ManualTimeProvider time, Task task, TimeSpan step, int timeoutMs = 5_000)
    {
        var until = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (!task.IsCompleted)
        {
            if (DateTime.UtcNow > until) throw new TimeoutException("the task did not complete while the clock was driven");
            if (time.PendingTimers > 0) time.Advance(step);
            // Let continuations on other threads (a MockHttp responder, a retry) run before the clock moves again.
            await Task.WhenAny(task, Task.Delay(1));
        }
        await task;
    }
}
