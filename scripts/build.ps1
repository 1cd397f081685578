# Builds and installs every module on Windows x86-64 (librnn4j with CMake and MSVC against oneDNN
# from the org.bytedeco:dnnl jar, the JNI glue with JavaCPP, then the jars).
#   powershell -File scripts/build.ps1 [maven arguments]
# Not run here (the CI workflow's windows-x86_64 job builds with MSVC); on Linux only the C++ layer is smoke-tested
# (scripts/test-windows-cpp.sh, MinGW + wine). See README.md, "Installing".
param([Parameter(ValueFromRemainingArguments = $true)] [string[]] $MavenArgs)
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..")
if (-not [Environment]::Is64BitOperatingSystem) {
    Write-Error "build.ps1: oneDNN jars exist for windows-x86_64 only"
    exit 2
}
foreach ($tool in @("cmake", "mvn")) {
    if (-not (Get-Command $tool -ErrorAction SilentlyContinue)) {
        Write-Error "build.ps1: $tool is required"
        exit 2
    }
}
& mvn -B "-Djavacpp.platform=windows-x86_64" -DskipTests install @MavenArgs
exit $LASTEXITCODE
