using System.Net;
using System.Net.Sockets;

namespace Guardrail.Testing;

/// <summary>Free loopback ports for hosts that must be told their port before they start (two-listener serve).</summary>
public static class LoopbackPorts
{
    /// <summary>A port that was free a moment ago.</summary>
    public static int Free()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
