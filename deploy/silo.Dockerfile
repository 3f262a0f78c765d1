# syntax=docker/dockerfile:1
# An Orleans silo (silos/NemLogin.Silo). Build context: the repository root.
#   docker build -f deploy/silo.Dockerfile .

# global.json asks for SDK 10.0.401 or a later feature band; the floating 10.0 tag carries the
# newest band. Pin a full SDK tag here (and bump it with global.json) for reproducible images.
ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0
ARG RUNTIME_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0

FROM ${SDK_IMAGE} AS build
WORKDIR /src
COPY . .
RUN dotnet publish silos/NemLogin.Silo/NemLogin.Silo.csproj -c Release -o /app

# The silo is an ASP.NET Core host (management port: health, readiness, dashboard), hence the aspnet image.
FROM ${RUNTIME_IMAGE} AS final
# SoftHSM2 is the PKCS#11 module in non-production clusters; a real HSM's module replaces it.
RUN apt-get update \
 && apt-get install -y --no-install-recommends softhsm2 opensc \
 && rm -rf /var/lib/apt/lists/*
COPY deploy/softhsm2.conf /etc/nemlogin/softhsm2.conf
# The token folder is a volume shared by the silos of one deployment; it must belong to the
# unprivileged user the silo runs as.
# The same holds for the cluster TLS folders (the CA's, written by the pki service only, and the nodes').
RUN install -d -o "$APP_UID" -m 0700 /var/lib/nemlogin/softhsm/tokens /var/lib/nemlogin/keys /var/lib/nemlogin/ca /etc/nemlogin/tls
ENV SOFTHSM2_CONF=/etc/nemlogin/softhsm2.conf
WORKDIR /app
COPY --from=build /app .
USER $APP_UID
# 11111: silo-to-silo; 30000: gateway (client) connections, both mutual TLS on the container's own address;
# 8080: management HTTP (keep it off the public network).
EXPOSE 11111 30000 8080
ENTRYPOINT ["dotnet", "NemLogin.Silo.dll"]
