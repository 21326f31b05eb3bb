using System;
using Ezrouter.Profiles;

namespace Ezrouter;

/// <summary>
/// The client's <see cref="GatewayProfile"/> says the gateway does not serve this operation (count_tokens on ezrouter),
/// so nothing was sent. <see cref="EzrouterException.StatusCode"/> is 0.
/// </summary>
public sealed class EzrouterOperationNotSupportedException : EzrouterException
{
    /// <summary>Creates the exception from its details.</summary>
    public EzrouterOperationNotSupportedException(EzrouterErrorDetails details, Exception? innerException = null) : base(details, innerException)
    {
    }

    /// <summary>The refusal of <paramref name="operation"/> under <paramref name="profile"/>.</summary>
    internal EzrouterOperationNotSupportedException(GatewayOperations operation, GatewayProfile profile)
        : this(new EzrouterErrorDetails
        {
            Summary = $"the '{profile.Name}' gateway profile does not serve {operation}; nothing was sent (choose a profile that serves it, e.g. GatewayProfile.EzAi, or describe your gateway's operations in a GatewayProfile)",
        })
    {
        Operation = operation;
        ProfileName = profile.Name;
    }

    /// <summary>The operation refused.</summary>
    public GatewayOperations Operation { get; }

    /// <summary>The profile that does not serve it.</summary>
    public string? ProfileName { get; }

    /// <summary>Throws when <paramref name="profile"/> does not serve <paramref name="operation"/>.</summary>
    internal static void ThrowIfUnsupported(GatewayProfile profile, GatewayOperations operation)
    {
        if (!profile.Supports(operation)) throw new EzrouterOperationNotSupportedException(operation, profile);
    }
}
