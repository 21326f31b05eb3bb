using System;

namespace Ezrouter.Benchmarks;

/// <summary>Where the numbers come from: the build configuration and the runtime.</summary>
internal static class BuildInfo
{
    public static bool IsRelease =>
#if DEBUG
        false;
#else
        true;
#endif

    public static void WarnIfDebug()
    {
        if (!IsRelease) Console.Error.WriteLine("warning: a Debug build; numbers mean nothing. Use -c Release.");
    }
}
