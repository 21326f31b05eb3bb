using System;

namespace Ezrouter;

/// <summary>No channel serves the requested model (the gateway answers HTTP 503 <c>model_not_found</c>). Check the catalog: it drifts between deploys.</summary>
public sealed class EzrouterModelNotFoundException : EzrouterException
{
    /// <summary>Creates the exception from the details read off the response.</summary>
    public EzrouterModelNotFoundException(EzrouterErrorDetails details, Exception? innerException = null) : base(details, innerException)
    {
    }
}
