package io.clientele.adapter.in.rest;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpRequest;
import jakarta.inject.Singleton;

/**
 * A {@code +} in a request's path is a plus (RFC 3986), as in {@code DELETE …/identifiers/email/anna+shop@mail.ru} or
 * {@code …/identifiers/phone/+79161234567}. Micronaut's router does not match it in a path variable (and where it
 * does, decodes it as a space, as in a form), so such requests were answered 404. The path's pluses are written as
 * {@code %2B} before routing, which the router matches and decodes to {@code +}; the query is left as it is, where
 * {@code +} may mean a space.
 */
@Singleton
@Requires(classes = NettyServerCustomizer.class)
final class LiteralPlusInPaths implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {

    private static final ChannelHandler REWRITE = new PlusInPathRewrite();
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LiteralPlusInPaths.class);
    private static final java.util.concurrent.atomic.AtomicBoolean WARNED = new java.util.concurrent.atomic.AtomicBoolean();

    @Override
    public NettyServerCustomizer.Registry onCreated(BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
        event.getBean().register(new Customizer(null));
        return event.getBean();
    }

    /** The request target with the pluses of its path percent-encoded. */
    static String encodePlusInPath(String target) {
        int query = target.indexOf('?');
        int plus = target.indexOf('+');
        if (plus < 0 || query >= 0 && plus > query) {
            return target;
        }
        String path = query < 0 ? target : target.substring(0, query);
        return path.replace("+", "%2B") + (query < 0 ? "" : target.substring(query));
    }

    private record Customizer(Channel channel) implements NettyServerCustomizer {

        @Override
        public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
            return new Customizer(channel);
        }

        @Override
        public void onStreamPipelineBuilt() {
            if (channel == null) {
                return;
            }
            if (channel.pipeline().get(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC) != null) {
                channel.pipeline().addAfter(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC,
                        "clientele-literal-plus", REWRITE);
            } else if (!WARNED.getAndSet(true)) {
                // HTTP/2 (or a pipeline of another shape): the router answers a literal + in a path with 404 again
                LOG.warn("a literal + in request paths can't be kept on this connection's protocol (no HTTP/1.1 "
                        + "codec in its pipeline): send it as %2B");
            }
        }
    }

    @ChannelHandler.Sharable
    private static final class PlusInPathRewrite extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext context, Object message) {
            if (message instanceof HttpRequest request) {
                request.setUri(encodePlusInPath(request.uri()));
            }
            context.fireChannelRead(message);
        }
    }
}
