# The Atendimento service: build with the .NET 10 SDK, run on the ASP.NET Core runtime as a non-root user.
# docker-compose.yml runs it with PostgreSQL and Redis; docs/operations.md lists the settings.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish bot/Atendimento.Bot.csproj -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
ENV ASPNETCORE_URLS=http://+:3978
EXPOSE 3978
USER app
ENTRYPOINT ["dotnet", "Atendimento.Bot.dll"]
