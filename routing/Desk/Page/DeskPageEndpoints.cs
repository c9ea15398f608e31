using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Atendimento.Routing.Desk.Page;

/// <summary>
/// The desk page: plain HTML, CSS and JavaScript embedded in this assembly (no build step, no CDN), served at
/// <c>/desk</c>. The page signs in by itself, so these files need no session. Scripts come only from this host.
/// </summary>
internal static class DeskPageEndpoints
{
    private static readonly (string Path, string Resource, string ContentType)[] Files =
    [
        ("/desk", "desk.html", "text/html; charset=utf-8"),
        ("/desk/desk.css", "desk.css", "text/css; charset=utf-8"),
        ("/desk/desk.js", "desk.js", "text/javascript; charset=utf-8"),
    ];

    public static void Map(IEndpointRouteBuilder app)
    {
        foreach (var (path, resource, contentType) in Files)
        {
            var content = Read(resource);
            app.MapGet(path, (HttpContext http) =>
            {
                http.Response.Headers["Content-Security-Policy"] = "default-src 'self'; frame-ancestors 'none'";
                http.Response.Headers["X-Content-Type-Options"] = "nosniff";
                http.Response.Headers.CacheControl = "no-cache";
                return Results.Bytes(content, contentType);
            }).ExcludeFromDescription().AllowAnonymous();
        }
    }

    private static byte[] Read(string resource)
    {
        using var stream = typeof(DeskPageEndpoints).Assembly.GetManifestResourceStream($"Atendimento.Routing.Desk.Page.{resource}")
            ?? throw new InvalidOperationException($"The desk page's {resource} is not embedded.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
