/*
 * bcryptprimitives.dll for Wine 8.0, which has none. Go 1.22 and later load
 * ProcessPrng from it before main, so without it every Go program dies at
 * start-up under Wine. This stand-in fills the buffer from the system RNG
 * through BCryptGenRandom, which Wine does have. Test harness only
 * (scripts/test-windows.sh copies it into a throw-away prefix); real Windows
 * 10 and later ship the real DLL. See docs/windows-ci.md.
 */
#include <windows.h>
#include <bcrypt.h>

BOOL WINAPI ProcessPrng(PBYTE pbData, SIZE_T cbData)
{
    /* BCryptGenRandom takes a ULONG count; ask in pieces for huge buffers. */
    while (cbData > 0) {
        ULONG n = cbData > 0x7fffffff ? 0x7fffffff : (ULONG)cbData;
        if (BCryptGenRandom(NULL, pbData, n, BCRYPT_USE_SYSTEM_PREFERRED_RNG) != 0)
            return FALSE;
        pbData += n;
        cbData -= n;
    }
    return TRUE;
}
