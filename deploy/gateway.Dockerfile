# syntax=docker/dockerfile:1
# The ASP.NET Core gateway (gateway/NemLogin.Gateway). Build context: the repository root.
#   docker build -f deploy/gateway.Dockerfile .

# See silo.Dockerfile for why the SDK tag should be pinned together with global.json.
ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0
ARG RUNTIME_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0

FROM ${SDK_IMAGE} AS build
WORKDIR /src
COPY . .
RUN dotnet publish gateway/NemLogin.Gateway/NemLogin.Gateway.csproj -c Release -o /app

FROM ${RUNTIME_IMAGE} AS final
# The cluster-tls volume (the gateway's certificate for its mutual TLS to the silos) is mounted here.
RUN install -d -o "$APP_UID" -m 0700 /etc/nemlogin/tls
WORKDIR /app
COPY --from=build /app .
USER $APP_UID
# The aspnet image listens on 8080 (ASPNETCORE_HTTP_PORTS); TLS ends at the proxy.
EXPOSE 8080
ENTRYPOINT ["dotnet", "NemLogin.Gateway.dll"]
