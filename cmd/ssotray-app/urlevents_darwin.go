//go:build darwin && cgo

package main

/*
#cgo CFLAGS: -x objective-c
#cgo LDFLAGS: -framework Foundation -framework AppKit
#import <Foundation/Foundation.h>
#import <AppKit/AppKit.h>

extern void ssotrayGotURL(char *url);

// SsotrayURLHandler receives kAEGetURL Apple Events: macOS delivers an
// opened ssotray:// link to the running app this way, never as an argument.
// A class method, so GLFW's application delegate stays as it is.
@interface SsotrayURLHandler : NSObject
+ (void)handleGetURLEvent:(NSAppleEventDescriptor *)event withReplyEvent:(NSAppleEventDescriptor *)reply;
@end

@implementation SsotrayURLHandler
+ (void)handleGetURLEvent:(NSAppleEventDescriptor *)event withReplyEvent:(NSAppleEventDescriptor *)reply {
	NSString *url = [[event paramDescriptorForKeyword:keyDirectObject] stringValue];
	if (url != nil) {
		ssotrayGotURL((char *)[url UTF8String]);
	}
}
@end

static void ssotrayInstallURLHandler(void) {
	[[NSAppleEventManager sharedAppleEventManager]
		setEventHandler:[SsotrayURLHandler class]
		    andSelector:@selector(handleGetURLEvent:withReplyEvent:)
		  forEventClass:kInternetEventClass
		     andEventID:kAEGetURL];
}
*/
import "C"

import "github.com/ssotray/ssotray/addlink"

// urlEvents carries the links macOS hands over, for withLinkEvents. The
// buffer holds the link that started the app until the UI reads it.
var urlEvents = make(chan string, 8)

// The handler is installed before main, so before NSApplication finishes
// launching: an event that arrives earlier (the link that started the app)
// would otherwise be dropped.
func init() { C.ssotrayInstallURLHandler() }

//export ssotrayGotURL
func ssotrayGotURL(url *C.char) {
	// A link longer than any real one is cut here; Parse refuses it.
	s := C.GoStringN(url, C.int(min(C.strlen(url), C.size_t(addlink.MaxLen+1))))
	select {
	case urlEvents <- s:
	default: // the UI is not reading: drop it rather than block AppKit
	}
}

func linkEvents() <-chan string { return urlEvents }
